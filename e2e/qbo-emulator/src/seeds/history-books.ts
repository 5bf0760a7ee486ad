/**
 * What the `history` seed's books hold, as tables: Rivertown Plumbing & Drain after a year in QuickBooks, with the
 * collisions a tablet meets on its first sync (history.ts turns them into a company).
 */

/** [DisplayName, given, family, email] — blanks stay absent. */
export const HISTORY_CUSTOMERS: [string, string, string, string][] = [
  ['Diego Alvarez', 'Diego', 'Alvarez', 'diego.alvarez@example.com'],
  // Diego's rentals are billed to his own address: two QuickBooks customers, one email.
  ['Alvarez Rentals LLC', '', '', 'diego.alvarez@example.com'],
  // Entered as "Mark Cho"; written back with the stray leading space an old import left (history.ts).
  ['Mark Cho', 'Mark', 'Cho', 'mark.cho@example.com'],
  ['Priya Shah', 'Priya', 'Shah', 'priya.shah@example.com'],
  // Deleted in the QuickBooks UI: inactive, " (deleted)" appended, the email still there.
  ['Priya Shah (deleted)', 'Priya', 'Shah', 'priya.shah@example.com'],
  ['Oakwood Apartments', '', '', 'manager@oakwoodapts.example'],
  ['Oakwood Apartments (deleted)', '', '', 'manager@oakwoodapts.example'],
  ['Hannah  Brooks', 'Hannah', 'Brooks', 'hannah.brooks@example.com'],
  // Entered as "Luis Romero"; written back with a trailing space (history.ts).
  ['Luis Romero', 'Luis', 'Romero', 'luis.romero@example.com'],
  ['Greenway Dental Group', '', '', 'frontdesk@greenwaydental.example'],
  ['Tom Becker', 'Tom', 'Becker', ''],
  ['Sunrise Cafe', '', '', 'orders@sunrisecafe.example'],
  ['Janet Wu', 'Janet', 'Wu', 'janet.wu@example.com'],
  ['Hillside HOA', '', '', 'board@hillsidehoa.example'],
  ['Carlos Mendes', 'Carlos', 'Mendes', 'carlos.mendes@example.com'],
  ['Rachel Kim', 'Rachel', 'Kim', 'RACHEL.KIM@EXAMPLE.COM'],
  ['Kim, Rachel', 'Rachel', 'Kim', 'rachel.kim@example.com'],
  ['Westfield Storage', '', '', 'ops@westfieldstorage.example'],
  ['Ben Okafor', 'Ben', 'Okafor', 'ben.okafor@example.com'],
  ['Maple Court Condos', '', '', 'manager@maplecourt.example'],
]
/** Customers the bookkeeper deleted in QuickBooks (made inactive). */
export const HISTORY_DELETED = ['Priya Shah (deleted)', 'Oakwood Apartments (deleted)']
/** Names as QuickBooks holds them after an old import: [entered, stored]. */
export const STRAY_SPACES: [string, string][] = [
  ['Mark Cho', ' Mark Cho'],
  ['Luis Romero', 'Luis Romero '],
]

/** [Name, Type, price, description, taxable] */
export const HISTORY_ITEMS: [string, 'Service' | 'NonInventory', number, string, boolean][] = [
  ['Service Call', 'Service', 95, 'Trip charge and first half hour on site', false],
  ['Labor', 'Service', 120, 'Technician labor, per hour', false],
  ['Drain Cleaning', 'Service', 260, 'Main line clearing with cable machine', false],
  ['Water Heater Install', 'Service', 1550, '50 gal gas water heater, haul-away included', false],
  ['Leak Detection', 'Service', 340, 'Electronic leak detection', false],
  ['Camera Inspection', 'Service', 310, 'Video inspection of sewer lateral', false],
  ['PEX Pipe 1/2 in', 'NonInventory', 1.45, 'PEX-A tubing, per foot', true],
  ['Ball Valve 3/4 in', 'NonInventory', 19.5, 'Full-port brass ball valve', true],
  ['Wax Ring', 'NonInventory', 6.5, 'Toilet wax ring with flange', true],
  ['Permit Fee', 'Service', 150, 'City permit, passed through at cost', false],
  ['Drain Snake Rental', 'Service', 45, 'No longer offered', false],
  ['Galvanized Nipple 1/2 in (deleted)', 'NonInventory', 3.1, 'Discontinued stock', true],
]
export const HISTORY_INACTIVE_ITEMS = ['Drain Snake Rental', 'Galvanized Nipple 1/2 in (deleted)']

/** The customer (index above; 20 = the Oakwood job) of invoice n, numbered 1001 + n, dated 13 days apart from 2025-01-06. */
// prettier-ignore
export const INVOICE_CUSTOMERS = [0, 3, 5, 9, 11, 12, 12, 14, 0, 2, 13, 15, 17, 18, 19, 1, 7, 8, 0, 2, 5, 20, 9, 16, 11, 12, 3, 14, 1, 2]

/** Payments: [invoice numbers (n) paid, amount per invoice ('full' or cents), days after the last invoice's date]. */
// prettier-ignore
export const HISTORY_PAYMENTS: [number[], 'full' | number, number][] = [
  [[0], 'full', 10], [[1], 'full', 12], [[2], 'full', 9], [[3], 'full', 20], [[4], 'full', 11],
  [[5, 6], 'full', 14], [[7], 'full', 8], [[8], 'full', 30], [[9], 'full', 6], [[10], 100, 15],
  [[11], 'full', 10], [[13], 'full', 12], [[14], 150, 7], [[15], 'full', 21], [[16], 'full', 5],
  [[17], 'full', 9], [[20], 200, 11], [[25], 50, 4], [[27], 'full', 3],
]
/** Invoice n the bookkeeper voided. */
export const HISTORY_VOIDED = 12

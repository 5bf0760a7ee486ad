/**
 * What the `small` seed's books hold, as tables: Ridgeline Plumbing & Heating's customers, items and
 * invoices, with the messes real books have (see small.ts). small.ts turns them into a company.
 */
import type { Json } from '../company/types.ts'

export const addr = (Line1: string, City: string, PostalCode: string): Json => ({
  Line1,
  City,
  CountrySubDivisionCode: 'CA',
  PostalCode,
  Country: 'USA',
})

/** [DisplayName, given, family, email, phone, city] — blanks stay absent. */
export const CUSTOMERS: [string, string, string, string, string, string][] = [
  ['Amy Chen', 'Amy', 'Chen', 'amy.chen@example.com', '(916) 555-0101', 'Sacramento'],
  ['Bayside Property Management', '', '', 'ap@baysidepm.example', '(916) 555-0102', 'Sacramento'],
  ['Smith Plumbing', 'Dale', 'Smith', 'dale@smithplumbing.example', '(916) 555-0103', 'Elk Grove'],
  ['Smith Plumbing LLC', 'Dale', 'Smith', 'office@smithplumbing.example', '(916) 555-0104', 'Elk Grove'],
  ["Sean O'Brien", 'Sean', "O'Brien", 'sean.obrien@example.com', '(916) 555-0105', 'Folsom'],
  ["O'Brien & Sons Roofing", '', '', 'Billing@OBrienRoofing.example', '(916) 555-0106', 'Folsom'],
  ['Maria Garcia', 'Maria', 'Garcia', 'maria.garcia@example.com', '', 'Roseville'],
  ['Garcia, Maria', 'Maria', 'Garcia', 'MARIA.GARCIA@EXAMPLE.COM', '(916) 555-0108', 'Roseville'],
  ['Oak Street Apartments', '', '', 'manager@oakstreetapts.example', '(916) 555-0109', 'Sacramento'],
  ['Tom Nguyen', 'Tom', 'Nguyen', '', '(916) 555-0110', 'Davis'],
  ['Westlake HOA', '', '', 'board@westlakehoa.example', '', 'West Sacramento'],
  ['Priya Patel', 'Priya', 'Patel', 'priya.patel@example.com', '(916) 555-0112', 'Rancho Cordova'],
  ['Jim & Linda Kowalski', 'Jim', 'Kowalski', 'kowalski.family@example.com', '(916) 555-0113', 'Citrus Heights'],
  ['Riverside Dental Group', '', '', 'frontdesk@riversidedental.example', '(916) 555-0114', 'Sacramento'],
  ['Carlos Mendoza', 'Carlos', 'Mendoza', '', '', 'Elk Grove'],
  ['Hernandez Family Trust', '', '', 'trustee@hernandeztrust.example', '(916) 555-0116', 'Carmichael'],
  ['Green Valley Church', '', '', 'office@greenvalleychurch.example', '(916) 555-0117', 'Orangevale'],
  ['Beth Anderson', 'Beth', 'Anderson', 'beth.anderson@example.com', '(916) 555-0118', 'Fair Oaks'],
  ['Sunrise Bakery', '', '', 'orders@sunrisebakery.example', '(916) 555-0119', 'Sacramento'],
  ['Mike Johnson', 'Mike', 'Johnson', 'mjohnson@example.com', '(916) 555-0120', 'Sacramento'],
  ['Michael Johnson', 'Michael', 'Johnson', 'MJohnson@example.com', '(916) 555-0121', 'Natomas'],
  ['Lakeside Veterinary Clinic', '', '', 'admin@lakesidevet.example', '(916) 555-0122', 'Granite Bay'],
  ['Kim Lee', 'Kim', 'Lee', '', '(916) 555-0123', 'Sacramento'],
  ['Delta Storage Units', '', '', 'ops@deltastorage.example', '(916) 555-0124', 'Rio Vista'],
  ['Rachel Adams', 'Rachel', 'Adams', 'rachel.adams@example.com', '', 'Loomis'],
  ['Capitol Coffee Roasters', '', '', 'hello@capitolcoffee.example', '(916) 555-0126', 'Sacramento'],
  ['Hillcrest Senior Living', '', '', 'facilities@hillcrest.example', '(916) 555-0127', 'Auburn'],
  ['Frank Russo', 'Frank', 'Russo', 'frank.russo@example.com', '(916) 555-0128', 'Lincoln'],
]

/** Customers the bookkeeper has made inactive (soft-deleted) in QuickBooks. */
export const INACTIVE = ['Tom Nguyen', 'Delta Storage Units', 'Frank Russo']

/** [Name, Type, price, description, taxable] */
export const ITEMS: [string, 'Service' | 'NonInventory' | 'Inventory', number, string, boolean][] = [
  ['Service Call', 'Service', 89, 'Trip charge and first half hour on site', false],
  ['Labor - Standard', 'Service', 115, 'Technician labor, per hour', false],
  ['Labor - After Hours', 'Service', 172.5, 'Technician labor nights and weekends, per hour', false],
  ['Drain Cleaning', 'Service', 245, 'Main line drain clearing with cable machine', false],
  ['Water Heater Install', 'Service', 1450, '50 gal gas water heater installation, haul-away included', false],
  ['Leak Detection', 'Service', 325, 'Electronic leak detection', false],
  ['Sewer Camera Inspection', 'Service', 295, 'Video inspection of sewer lateral', false],
  ['PEX Pipe 1/2 in', 'NonInventory', 1.35, 'PEX-A tubing, per foot', true],
  ['Copper Fitting 3/4 in', 'NonInventory', 4.79, 'Copper sweat fitting', true],
  ['Ball Valve 3/4 in', 'NonInventory', 18.5, 'Full-port brass ball valve', true],
  ['Wax Ring', 'NonInventory', 6.25, 'Toilet wax ring with flange', true],
  ['Garbage Disposal 1/2 HP', 'Inventory', 189, 'InSinkErator Badger 5, installed separately', true],
  ['Permit Fee', 'Service', 150, 'City permit, passed through at cost', false],
  ['Old Drain Snake Rental', 'Service', 45, 'No longer offered', false],
  ['Galvanized Nipple 1/2 in', 'NonInventory', 3.1, 'Discontinued stock', true],
]
export const INACTIVE_ITEMS = ['Old Drain Snake Rental', 'Galvanized Nipple 1/2 in']

/** [customer index, TxnDate, taxed, [item index, qty][] ], one invoice a line as a table. */
// prettier-ignore
export const INVOICES: [number, string, boolean, [number, number][]][] = [
  [0, '2026-01-06', false, [[0, 1], [1, 2]]],
  [1, '2026-01-07', true, [[4, 1], [7, 25], [9, 2]]],
  [2, '2026-01-08', false, [[3, 1]]],
  [3, '2026-01-08', false, [[0, 1], [5, 1]]],
  [4, '2026-01-09', true, [[1, 1.5], [8, 6]]],
  [5, '2026-01-12', false, [[6, 1]]],
  [6, '2026-01-12', true, [[11, 1], [1, 1]]],
  [8, '2026-01-13', true, [[1, 3.25], [7, 40], [8, 12]]],
  [10, '2026-01-14', false, [[3, 2]]],
  [11, '2026-01-15', true, [[0, 1], [10, 1]]],
  [12, '2026-01-16', false, [[2, 2]]],
  [13, '2026-01-19', true, [[5, 1], [9, 3], [8, 7]]],
  [14, '2026-01-20', false, [[0, 1]]],
  [15, '2026-01-21', true, [[4, 1], [12, 1]]],
  [16, '2026-01-22', false, [[6, 1], [3, 1]]],
  [17, '2026-01-23', true, [[7, 33], [8, 9], [1, 2.75]]],
  [18, '2026-01-26', false, [[1, 4]]],
  [19, '2026-01-27', true, [[10, 2], [1, 1]]],
  [20, '2026-01-28', false, [[0, 1], [1, 0.5]]],
  [21, '2026-01-29', true, [[9, 1], [1, 1.25]]],
  [23, '2026-02-02', false, [[3, 1], [6, 1]]],
  [24, '2026-02-03', false, [[5, 1]]],
  [25, '2026-02-04', true, [[11, 2], [1, 2]]],
  [26, '2026-02-05', false, [[2, 3]]],
  [0, '2026-02-06', false, [[1, 1]]],
  [1, '2026-02-09', true, [[7, 120], [8, 30], [1, 6]]],
  [4, '2026-02-10', false, [[0, 1]]],
  [8, '2026-02-11', false, [[3, 1]]],
  [13, '2026-02-12', false, [[12, 1]]],
  [18, '2026-02-13', true, [[9, 2], [1, 1]]],
]

export { ApiError, ApiErrorBody, ApiErrorCode, apiErrorCodes } from './errors.ts'
export { ConnectErrorCode, ConnectMessage, connectErrorCodes, connectReturnPath } from './connect.ts'
export { DisconnectResponse, MAX_CHANGES_LISTED, SessionQuery, SessionResponse, WebhookChange } from './session.ts'
export { QBO_PROXY_PREFIX, proxiedEntities, qboProxyPath, type ProxiedEntity } from './qbo-proxy.ts'

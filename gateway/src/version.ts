/** Reported by `/health`; bumped with the wire contract's GATEWAY_API_VERSION. */
export const GATEWAY_VERSION = '1.0.0';

import { pino } from 'pino';
import type { GatewayConfig } from './config';

/** Structured JSON lines on stdout; a grant's lines carry its `grantId` (child loggers). */
export const createLogger = (level: GatewayConfig['logLevel']) =>
  pino({ level, base: { service: 'frontline-gateway' } });

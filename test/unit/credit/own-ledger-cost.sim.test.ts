import { ownLedgerCost } from './own-ledger-cost';

ownLedgerCost(false);

import { tokensContract } from '../api-tokens/contract';
import { auditContract } from '../audit/contract';
import { bucketsContract } from '../buckets/contract';
import { limitsContract } from '../limits/contract';
import { objectsContract, selfContract, selfObjectsContract } from '../objects/contract';
import { plansContract } from '../plans/contract';
import { staffContract } from '../staff/contract';
import { usageContract } from '../usage/contract';
import { usersContract } from '../users/contract';
import type { Contract } from './contract';

/** Every console API route's contract, by method and path pattern (for tests and documentation). */
export const API_CONTRACTS: Contract = {
  ...usersContract,
  ...limitsContract,
  ...bucketsContract,
  ...plansContract,
  ...staffContract,
  ...auditContract,
  ...usageContract,
  ...tokensContract,
  ...selfContract,
  ...selfObjectsContract,
  ...objectsContract,
};

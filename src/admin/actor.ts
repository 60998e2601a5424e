import type { FastifyRequest } from 'fastify';
import { type Actor, ROLE_ZH } from '../cases/access.js';

/** The person behind a request, as the case service knows them: who, with which role, over which villages. */
export const actorOf = (request: FastifyRequest): Actor => {
  const user = request.user;
  const role = user?.role ?? 'advisor';
  return {
    id: `user:${user?.username ?? 'unknown'}`,
    name: user?.displayName ?? user?.username ?? '',
    role,
    villages: request.villageIds ?? [],
    title: ROLE_ZH[role],
  };
};

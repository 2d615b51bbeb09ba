// Random secrets (session ids, CSRF and API tokens) and the hashes the store keeps of them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_TOKEN_PREFIX = 'eca_';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function newApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomSecret()}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

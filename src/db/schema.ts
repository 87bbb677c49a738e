// Every feature's tables, for drizzle's relational queries and drizzle-kit.
export * from '../users/schema.js';
export * from '../users/telegram-schema.js';
export * from '../vehicles/schema.js';
export * from '../checklist/schema.js';
export * from '../p2h/schema.js';
export * from '../notifications/schema.js';
export * from '../defects/schema.js';
export * from '../photos/schema.js';
export * from '../preferences/schema.js';
export * from '../audit/schema.js';
export * from '../auth/schema.js';
export * from '../cluster/schema.js';

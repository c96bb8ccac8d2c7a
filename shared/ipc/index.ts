export * from './contract';
export * from './result';
export * from '../errors';
export * from '../models/certificate';
export * from '../models/import';

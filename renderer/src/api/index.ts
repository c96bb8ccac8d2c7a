export { ApiError, errorMessage } from './api-error';
export { invoke, onEvent, onUnauthorized, startApi, type ApiStart } from './client';

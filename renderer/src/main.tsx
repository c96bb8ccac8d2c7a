import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { startApi } from './api';
import { App } from './app';

// The transport is chosen (and the token moved out of the address bar) before anything renders.
const start = startApi();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App start={start} />
  </StrictMode>,
);

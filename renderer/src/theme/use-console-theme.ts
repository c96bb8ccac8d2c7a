import { useMemo } from 'react';
import { createTheme, useMediaQuery, type Theme } from '@mui/material';

/** Light or dark following the OS, dense like an administration console rather than a marketing site. */
export function useConsoleTheme(): Theme {
  const dark = useMediaQuery('(prefers-color-scheme: dark)', { noSsr: true });
  return useMemo(
    () =>
      withStatusColours(createTheme({
        palette: {
          mode: dark ? 'dark' : 'light',
          primary: { main: dark ? '#6cb8f6' : '#0067b8' },
          background: dark ? { default: '#1b1d21', paper: '#23262b' } : { default: '#f3f4f6', paper: '#ffffff' },
        },
        typography: {
          // Roboto is not bundled (no network fonts under the CSP): use the platform's UI font.
          fontFamily: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
          fontSize: 13,
          // Sentence-case buttons, as desktop consoles write them (MUI's default is upper case).
          button: { textTransform: 'none', fontWeight: 600 },
        },
        shape: { borderRadius: 4 },
        components: {
          MuiButton: { defaultProps: { size: 'small' } },
          MuiTextField: { defaultProps: { size: 'small' } },
          MuiSelect: { defaultProps: { size: 'small' } },
          MuiListItemButton: { defaultProps: { dense: true } },
          MuiTooltip: { defaultProps: { enterDelay: 400 } },
        },
      })),
    [dark],
  );
}

/**
 * The colours of ExpiryText's `expired` / `soon` classes, once for the whole console: every table
 * that shows an expiry (the certificate list, Bindings, Server Certificates, the authority, trusted
 * issuers, mappings) gets them, with one stylesheet rule rather than a style computed per row.
 */
function withStatusColours(theme: Theme): Theme {
  return createTheme(theme, {
    components: {
      MuiCssBaseline: {
        styleOverrides: {
          '.expired': { color: theme.palette.error.main, fontWeight: 600 },
          '.soon': { color: theme.palette.warning.main, fontWeight: 600 },
        },
      },
    },
  });
}

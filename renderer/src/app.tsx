import { useEffect, useState } from 'react';
import { CssBaseline, ThemeProvider } from '@mui/material';
import { onUnauthorized, type ApiStart } from './api';
import { PublishedActionsProvider } from './actions/published-actions';
import { ImportProvider } from './import/import-context';
import { ConsoleLayout } from './layout/console-layout';
import { TokenRequiredPage } from './layout/token-required-page';
import { ConsoleProvider } from './state/console-context';
import { ConsoleDataProvider } from './state/console-data-context';
import { FeatureProvider } from './state/feature-context';
import { NavigationGuardProvider } from './state/navigation-guard';
import { SitesDataProvider } from './state/sites-data-context';
import { SiteDialogsProvider } from './sites/site-dialogs-context';
import { useConsoleTheme } from './theme/use-console-theme';

/** The console's root: theme, then either the token page or the providers around the three-pane layout. */
export function App({ start }: { start: ApiStart }) {
  const theme = useConsoleTheme();
  const [refused, setRefused] = useState(false);
  useEffect(() => onUnauthorized(() => setRefused(true)), []);
  return (
    <ThemeProvider theme={theme}>
      <CssBaseline enableColorScheme />
      {start.status === 'no-token' || refused ? (
        <TokenRequiredPage refused={refused} />
      ) : (
        <NavigationGuardProvider>
          <ConsoleProvider>
            <ConsoleDataProvider>
              <SitesDataProvider>
                <FeatureProvider>
                  <PublishedActionsProvider>
                    <ImportProvider>
                      <SiteDialogsProvider>
                        <ConsoleLayout />
                      </SiteDialogsProvider>
                    </ImportProvider>
                  </PublishedActionsProvider>
                </FeatureProvider>
              </SitesDataProvider>
            </ConsoleDataProvider>
          </ConsoleProvider>
        </NavigationGuardProvider>
      )}
    </ThemeProvider>
  );
}

import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { logOut, session } from './api';
import { To } from './components';
import { SessionContext, flash, useSession } from './session';
import { ForgotPassword, Invitation, ConfirmEmail, Login, ResetPassword } from './pages/Entry';
import { Clients } from './pages/Clients';
import { ClientArea } from './pages/ClientArea';
import { Tickets, Ticket } from './pages/Tickets';
import { NotFound } from './pages/NotFound';
import { Profile } from './pages/Profile';
import { Portfolio } from './pages/Portfolio';

function Header() {
  const { loggedIn, end } = useSession();
  return (
    <Box background="neutral0" paddingLeft={5} paddingRight={5} paddingTop={3} paddingBottom={3} shadow="tableShadow" tag="header">
      <Flex justifyContent="space-between" alignItems="center" gap={3} wrap="wrap">
        <Typography variant="delta" tag="p">
          <To to="/">Client Area</To>
        </Typography>
        {loggedIn ? (
          <Flex gap={4} alignItems="center">
            <To to="/profile">Your profile</To>
            <Button variant="tertiary" onClick={() => end('You are logged out.')}>
              Log out
            </Button>
          </Flex>
        ) : null}
      </Flex>
    </Box>
  );
}

/** Pages that need a login send the person to it, and back afterwards. */
function LoggedIn({ children }: { children: ReactNode }) {
  const { loggedIn } = useSession();
  const location = useLocation();
  if (!loggedIn) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

export function App() {
  const navigate = useNavigate();
  const [loggedIn, setLoggedIn] = useState(Boolean(session.jwt));
  const loggedInNow = useCallback(() => setLoggedIn(Boolean(session.jwt)), []);
  const end = useCallback(
    async (message: string) => {
      await logOut();
      flash.message = message;
      setLoggedIn(false);
      navigate('/login', { replace: true });
    },
    [navigate],
  );
  // A session that ended elsewhere (another tab logged out) ends here on the next page.
  const location = useLocation();
  useEffect(() => {
    if (loggedIn && !session.jwt) setLoggedIn(false);
  }, [location, loggedIn]);

  return (
    <SessionContext.Provider value={{ loggedIn, loggedInNow, end }}>
      <Flex direction="column" alignItems="stretch" minHeight="100vh" background="neutral100">
        <Header />
        <Box tag="main" padding={5} paddingTop={6} width="100%" maxWidth="1200px" marginLeft="auto" marginRight="auto">
          <Routes>
            <Route path="/login" element={<Login />} />
            <Route path="/forgot-password" element={<ForgotPassword />} />
            <Route path="/reset-password" element={<ResetPassword />} />
            <Route path="/invitation/:token" element={<Invitation />} />
            <Route path="/confirm-email/:token" element={<ConfirmEmail />} />
            <Route path="/" element={<LoggedIn><Clients /></LoggedIn>} />
            <Route path="/profile" element={<LoggedIn><Profile /></LoggedIn>} />
            <Route path="/portfolio" element={<LoggedIn><Portfolio /></LoggedIn>} />
            <Route path="/tickets" element={<LoggedIn><Tickets /></LoggedIn>} />
            <Route path="/tickets/:view" element={<LoggedIn><Tickets /></LoggedIn>} />
            <Route path="/ticket/:reference" element={<LoggedIn><Ticket /></LoggedIn>} />
            <Route path="/client/:clientId/*" element={<LoggedIn><ClientArea /></LoggedIn>} />
            <Route path="*" element={<NotFound />} />
          </Routes>
        </Box>
      </Flex>
    </SessionContext.Provider>
  );
}

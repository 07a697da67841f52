import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { call, session } from '../api';
import type { InvitationInfo } from '../../../shared/customer-api';
import { Card, Failure, Input, Notice, To } from '../components';
import { flash, useSession } from '../session';
import { useSubmit } from '../useAnswer';

/** The narrow column the pages before a login use. */
function Narrow({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box maxWidth="440px" marginLeft="auto" marginRight="auto">
      <Box paddingBottom={4}>
        <Typography variant="alpha" tag="h1">
          {title}
        </Typography>
      </Box>
      <Card>{children}</Card>
    </Box>
  );
}

const submitted = (run: () => void) => (event: FormEvent) => {
  event.preventDefault();
  run();
};

export function Login() {
  const navigate = useNavigate();
  const location = useLocation();
  const { loggedInNow } = useSession();
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [message] = useState(() => {
    const shown = flash.message;
    flash.message = '';
    return shown;
  });
  const { busy, error, run } = useSubmit();
  const logIn = () =>
    run(async () => {
      session.clear();
      session.save(await call<{ jwt: string; refreshToken?: string }>('/auth/local', { method: 'POST', body: { identifier: identifier.trim(), password }, retry: false }));
      loggedInNow();
      navigate((location.state as { from?: string } | null)?.from ?? '/', { replace: true });
    });
  return (
    <Narrow title="Log in">
      <form onSubmit={submitted(logIn)}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {message ? <Notice>{message}</Notice> : null}
          <Failure error={error} />
          <Input label="Username or email" name="identifier" value={identifier} onChange={setIdentifier} autoComplete="username" />
          <Input label="Password" name="password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
          <Button type="submit" size="L" fullWidth loading={busy}>
            Log in
          </Button>
          <Typography>
            <To to="/forgot-password">Forgot your password?</To>
          </Typography>
        </Flex>
      </form>
    </Narrow>
  );
}

/** The same answer whether the email has an account or not: the mail (if any) links to the reset page. */
export function ForgotPassword() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, error, run } = useSubmit();
  const send = () =>
    run(async () => {
      await call('/auth/forgot-password', { method: 'POST', body: { email: email.trim() }, retry: false });
      setSent(true);
    });
  if (sent) {
    return (
      <Narrow title="Check your mail">
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography>If an account has this email, a link to choose a new password is on its way. It works once, for a limited time.</Typography>
          <To to="/login">Back to log in</To>
        </Flex>
      </Narrow>
    );
  }
  return (
    <Narrow title="Forgot your password?">
      <form onSubmit={submitted(send)}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Failure error={error} />
          <Input label="Email of your account" name="email" type="email" value={email} onChange={setEmail} autoComplete="email" />
          <Button type="submit" size="L" fullWidth loading={busy}>
            Send me a link
          </Button>
          <To to="/login">Back to log in</To>
        </Flex>
      </form>
    </Narrow>
  );
}

/** The link of the reset mail: #/reset-password?code=… (users-permissions checks the code). */
export function ResetPassword() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const change = () =>
    run(async () => {
      await call('/auth/reset-password', { method: 'POST', body: { code: params.get('code') ?? '', password, passwordConfirmation: password }, retry: false });
      session.clear();
      flash.message = 'Your password is changed. Log in with it.';
      navigate('/login', { replace: true });
    });
  return (
    <Narrow title="Choose a new password">
      <form onSubmit={submitted(change)}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Failure error={error} />
          <Input label="New password" name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" hint="At least 10 characters." />
          <Button type="submit" size="L" fullWidth loading={busy}>
            Change password
          </Button>
        </Flex>
      </form>
    </Narrow>
  );
}

/** An invitation's link: the invited person chooses the password of its new login. */
export function Invitation() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  // What the link is for, before a password is chosen: the client, the login, the address.
  const [info, setInfo] = useState<InvitationInfo | null>(null);
  const [unusable, setUnusable] = useState<unknown>(null);
  useEffect(() => {
    call<{ data: InvitationInfo }>('/client-area/invitations/describe', { method: 'POST', body: { token }, retry: false }).then(({ data }) => setInfo(data), setUnusable);
  }, [token]);
  const accept = () =>
    run(async () => {
      const { data } = await call<{ data: { username: string } }>('/client-area/invitations/accept', { method: 'POST', body: { token, password }, retry: false });
      session.clear();
      flash.message = `Your password is set. Log in as ${data.username}.`;
      navigate('/login', { replace: true });
    });
  return (
    <Narrow title="Welcome">
      <form onSubmit={submitted(accept)}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          {info ? (
            <Typography>
              {info.client ? `${info.client} invited you (${info.email}) to its client area.` : `You (${info.email}) were invited to a client area.`} Your login is <b>{info.username}</b>: choose its
              password.
            </Typography>
          ) : unusable ? null : (
            <Typography>You were invited to a client area. Choose the password of your login.</Typography>
          )}
          <Failure error={error ?? unusable} />
          <Input label="Choose a password" name="password" type="password" value={password} onChange={setPassword} autoComplete="new-password" hint="At least 10 characters." />
          <Button type="submit" size="L" fullWidth loading={busy}>
            Set password
          </Button>
        </Flex>
      </form>
    </Narrow>
  );
}

/** A changed contact address takes effect only when its owner confirms it from the mail. */
export function ConfirmEmail() {
  const { token = '' } = useParams();
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const { busy, error, run } = useSubmit();
  const confirm = () =>
    run(async () => {
      const { data } = await call<{ data: { email: string } }>('/client-area/contacts/email-confirmation', { method: 'POST', body: { token }, retry: false });
      setConfirmed(data.email);
    });
  if (confirmed) {
    return (
      <Narrow title="Address confirmed">
        <Typography>Your contact address is now {confirmed}.</Typography>
      </Narrow>
    );
  }
  return (
    <Narrow title="Confirm your new address">
      <form onSubmit={submitted(confirm)}>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography>Confirm that this address should become your contact address. Nothing changes until you do.</Typography>
          <Failure error={error} />
          <Button type="submit" size="L" fullWidth loading={busy}>
            Confirm my new address
          </Button>
        </Flex>
      </form>
    </Narrow>
  );
}

import type { ActorRef } from '@trailmark/sdk';

export interface CastMember {
  actor: ActorRef;
  email: string;
  role: 'owner' | 'admin' | 'agent' | 'viewer';
  /** Each person works from one place and one device, so the dashboard can tell an unfamiliar one. */
  ip: string;
  userAgent: string;
}

const member = (id: string, name: string, role: CastMember['role'], ip: string, userAgent: string): CastMember => ({
  actor: { id, name },
  email: `${name.split(' ')[0].toLowerCase()}@example.com`,
  role,
  ip,
  userAgent,
});

export const CAST: readonly CastMember[] = [
  member('usr-amelia', 'Amelia Hart', 'owner', '203.0.113.10', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'),
  member('usr-bruno', 'Bruno Costa', 'admin', '203.0.113.24', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15'),
  member('usr-chloe', 'Chloé Martin', 'agent', '198.51.100.7', 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0'),
  member('usr-dev', 'Dev Patel', 'agent', '198.51.100.42', 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1'),
  member('usr-elena', 'Elena Rossi', 'agent', '192.0.2.55', 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'),
  member('usr-farid', 'Farid Haddad', 'agent', '192.0.2.81', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'),
  member('usr-grace', 'Grace Kim', 'agent', '203.0.113.99', 'Mozilla/5.0 (iPad; CPU OS 17_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.7 Mobile/15E148 Safari/604.1'),
  member('usr-hugo', 'Hugo Lindqvist', 'viewer', '198.51.100.130', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'),
];

/** Where the lockout burst comes from: nobody in the cast has used it. */
export const UNFAMILIAR_IP = '185.220.101.47';
export const UNFAMILIAR_USER_AGENT = 'python-requests/2.32.3';

export const SYSTEM: ActorRef = { id: 'system', name: 'System' };

export const APP_URL = 'https://app.example.com';

export const TICKET_SUBJECTS: readonly string[] = [
  'Cannot reset my password',
  'Invoice shows the wrong VAT',
  'Export to CSV times out',
  'Printer on floor 3 is offline',
  'Refund for a duplicate charge',
  'SSO login loops back to the start',
  'Feature request: dark mode',
  'Mobile app crashes on upload',
  'Webhook deliveries are delayed',
  'Need access to the reporting module',
  'Shipment stuck in customs',
  'Two-factor codes arrive late',
];

export const COMMENTS: readonly string[] = [
  'Thanks for reporting this, looking into it now.',
  'Could you send a screenshot of the error?',
  'This should be fixed in the latest release.',
  'I have escalated this to the engineering team.',
  'Following up: is this still happening?',
];

export const NOTES: readonly string[] = [
  'Customer is on the enterprise plan, prioritise.',
  'Same issue as last week, probably the proxy.',
  'Checked the logs: timeouts from the EU region.',
  'Waiting for finance to approve the refund.',
];

export const FILES: ReadonlyArray<{ name: string; contentType: string }> = [
  { name: 'screenshot.png', contentType: 'image/png' },
  { name: 'invoice-2024-11.pdf', contentType: 'application/pdf' },
  { name: 'server.log', contentType: 'text/plain' },
  { name: 'export.csv', contentType: 'text/csv' },
  { name: 'contract.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
];

export const OTHER_PAGES: ReadonlyArray<{ path: string; title: string }> = [
  { path: '/tickets', title: 'Tickets' },
  { path: '/reports', title: 'Reports' },
  { path: '/customers', title: 'Customers' },
  { path: '/settings/team', title: 'Team settings' },
];

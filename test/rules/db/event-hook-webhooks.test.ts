import rule from '../../../rules/db/event-hook-webhooks';
import { manualReviewList } from '../../../src/engine/manual-review';
import { databaseInputs } from '../../support/database-input';
import { runCase, ruleTester } from '../../support/rule-tester';

const HOOK = (n: number) => `e7e70000-0000-4000-8000-00000000000${n}`;

ruleTester.run(rule, {
  valid: [
    { name: 'an Enterprise database whose event_hooks table is empty', from: '3.10', to: '3.14', edition: 'enterprise', inputs: databaseInputs('ee-3.4-licensed') },
    { name: 'an OSS database has no event_hooks table', from: '3.9', to: '3.14', edition: 'enterprise', inputs: databaseInputs('clean-3.9') },
    { name: 'a path that stays below 3.14', from: '3.4', to: '3.13', edition: 'enterprise', inputs: databaseInputs('ee-3.4-event-hooks') },
  ],
  invalid: [
    {
      // Hook 2 already verifies, 3 is plain http (signature only), 4 and 5 call nothing.
      name: 'signed webhooks, and https webhooks that do not verify yet',
      from: '3.10', to: '3.14', edition: 'enterprise', inputs: databaseInputs('ee-3.4-event-hooks'),
      findings: [
        { messageId: 'signed', severity: 'warning', data: { hook: HOOK(1), handler: 'webhook', source: 'crud/consumers' } },
        { messageId: 'verifyOff', severity: 'warning', data: { hook: HOOK(1) } },
        { messageId: 'signed', data: { hook: HOOK(3), source: 'balancer/health' } },
        { messageId: 'verifyUnset', data: { hook: HOOK(6), handler: 'webhook-custom' } },
      ],
    },
    {
      name: 'tls_certificate_verify = off keeps verification as it was, not the signature',
      conf: 'tls_certificate_verify = off\n',
      from: '3.10', to: '3.14', edition: 'enterprise', inputs: databaseInputs('ee-3.4-event-hooks'),
      findings: [
        { messageId: 'signed', data: { hook: HOOK(1) } },
        { messageId: 'signed', data: { hook: HOOK(3) } },
      ],
    },
  ],
});

describe('db/event-hook-webhooks and the manual-review list', () => {
  const entry = 'event-hooks-sha256-and-ssl-verify';
  const review = async (inputs?: ReturnType<typeof databaseInputs>) => {
    const { result, plan } = await runCase(rule, {
      name: 'review', from: '3.10', to: '3.14', edition: 'enterprise',
      ...(inputs ? { inputs } : { missing: { database: 'no kong.conf and no --pg given' } }),
    });
    return manualReviewList([rule], plan, result).find((item) => item.id === entry);
  };

  it('stays a manual-review item without a database', async () => {
    expect(await review()).toMatchObject({ reason: 'input-missing' });
  });

  it('is settled by a database that has no event hooks', async () => {
    expect(await review(databaseInputs('ee-3.4-licensed'))).toBeUndefined();
  });
});

describe('reading event hooks', () => {
  it('never returns the secret, only whether one is set', async () => {
    const { loadDatabase } = await import('../../../src/inputs/database');
    const { scenarioDatabase } = await import('../../support/database-input');
    const db = await scenarioDatabase('ee-3.4-event-hooks');
    const input = await loadDatabase({ url: db.url });
    try {
      expect(JSON.stringify(input.eventHooks)).not.toContain('test-placeholder-secret');
      expect(input.eventHooks?.map((h) => [h.handler, h.urlScheme, h.signed, h.sslVerify])).toEqual([
        ['webhook', 'https', true, false],
        ['webhook-custom', 'https', false, true],
        ['webhook', 'http', true, false],
        ['log', undefined, false, undefined],
        ['lambda', undefined, false, undefined],
        ['webhook-custom', 'https', false, undefined],
      ]);
    } finally {
      await input.close();
    }
  });
});

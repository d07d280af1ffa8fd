// A WhatsApp session that is really alive, or says it is not: the fake client misbehaves as
// the real one does ('ready' that never comes, a page detached after hours idle, every send
// rejected, 'ready' again on a re-sync), and the watchdog restarts it while /healthz says 503.
import { afterEach, describe, expect, it } from 'vitest';
import { useTestDatabase } from '../support/test-database.ts';
import { startWhatsAppHarness, wa, type WhatsAppHarness } from '../support/whatsapp-harness.ts';

const database = useTestDatabase({ emptyBeforeEachTest: true });
let h: WhatsAppHarness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const reasons = () =>
  h!.logs
    .filter((l) => l.msg === 'whatsapp: reconnecting')
    .map((l) => (l.obj as { reason: string }).reason);
const healthz = async () => (await fetch(`http://127.0.0.1:${h!.app.http!.port}/healthz`)).status;
const text = (body: string) => ({ kind: 'text' as const, text: body });

describe('WhatsApp liveness', () => {
  it("restarts a session whose 'ready' never comes", async () => {
    h = await startWhatsAppHarness(database, {
      fake: { neverReady: true },
      waitReady: false,
      watchdog: { readyTimeoutMs: 50 },
    });
    await expect.poll(() => h!.clients.length).toBeGreaterThanOrEqual(2);
    expect(reasons()[0]).toMatch(/^not ready after/);
    expect(h.clients[0]!.destroyCalls).toBe(1);
    expect(h.app.whatsapp!.isConnected()).toBe(false);
  });

  it('waits without a timeout while a person scans the QR code', async () => {
    h = await startWhatsAppHarness(database, {
      fake: { authenticated: false },
      waitReady: false,
      watchdog: { readyTimeoutMs: 30 },
    });
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(h.clients).toHaveLength(1);
    h.client().scanQr();
    await h.app.whatsapp!.ready();
  });

  it('finds a page detached after hours idle: /healthz says 503, and the session restarts', async () => {
    h = await startWhatsAppHarness(database, {
      // Checked by hand below first, then by the timer. The restart waits a second, so that
      // /healthz is asked while the session is down (with 20 ms, a fast restart could win).
      watchdog: { healthCheckMs: 0, initialDelayMs: 1_000, maxDelayMs: 1_000 },
    });
    expect(await healthz()).toBe(200);
    h.client().detachPage();
    // A send fails on the dead page: restarted at once, and unhealthy meanwhile.
    await expect(h.app.whatsapp!.messenger.send(wa.group, text('bonjour'))).rejects.toThrow(
      /detached Frame/,
    );
    expect(h.app.whatsapp!.isConnected()).toBe(false);
    expect(await healthz()).toBe(503);
    expect(reasons()).toEqual(['page unusable']);
    await expect.poll(() => h!.clients.length, { timeout: 10_000 }).toBe(2);
    await h.app.whatsapp!.ready();
    expect(await healthz()).toBe(200);
  });

  it('checks the session periodically, and restarts it when the check fails', async () => {
    h = await startWhatsAppHarness(database, { watchdog: { healthCheckMs: 20 } });
    h.client().detachPage();
    await expect.poll(() => h!.clients.length).toBe(2);
    expect(reasons()[0]).toBe('health check failed');
    await h.app.whatsapp!.ready();
    expect(h.app.whatsapp!.isConnected()).toBe(true);
  });

  it('restarts after sends fail in a row across chats, not for one chat that keeps failing', async () => {
    h = await startWhatsAppHarness(database, { watchdog: { maxSendFailures: 3 } });
    const messenger = h.app.whatsapp!.messenger;
    const failure = () =>
      new Error(
        "Evaluation failed: TypeError: Cannot read properties of undefined (reading 'markedUnread')",
      );
    // One group keeps refusing (the bot was removed): not the session's fault.
    for (let i = 0; i < 4; i++) {
      h.client().failNextSend(failure());
      await expect(messenger.send(wa.group, text('bonjour'))).rejects.toThrow();
    }
    expect(reasons()).toEqual([]);
    expect(h.app.whatsapp!.isConnected()).toBe(true);
    // A success, then every send fails, wherever it goes (January 2026's "markedUnread").
    await messenger.send(wa.group, text('bonjour'));
    h.client().receivePrivateMessage({ from: wa.bruno.pn, body: 'bonjour' });
    await h.settle();
    for (const chat of [wa.group, wa.bruno.pn, wa.group]) {
      h.client().failNextSend(failure());
      await expect(messenger.send(chat, text('bonjour'))).rejects.toThrow();
    }
    expect(reasons()).toEqual(['3 sends failed in a row']);
    expect(h.app.whatsapp!.isConnected()).toBe(false);
    await expect.poll(() => h!.clients.length).toBe(2);
    await h.app.whatsapp!.ready();
    expect(h.app.whatsapp!.isConnected()).toBe(true);
  });

  it("attaches nothing more when 'ready' comes again on a re-sync", async () => {
    h = await startWhatsAppHarness(database);
    const client = h.client();
    client.resync();
    client.resync();
    expect(client.listenerCount('message')).toBe(1);
    expect(h.logs.filter((l) => l.msg === 'whatsapp: ready')).toHaveLength(1);
    expect(h.logs.filter((l) => l.msg === 'whatsapp: ready again')).toHaveLength(2);
    client.receiveGroupMessage({ group: wa.group, author: wa.bruno.pn, body: '/aide' });
    await h.settle();
    expect(client.sentTo(wa.group)).toHaveLength(1);
    // Never "mark as read" after a send: one page call less, the one that broke every send in
    // January 2026.
    expect(client.sent[0]!.options).toMatchObject({ sendSeen: false });
  });
});

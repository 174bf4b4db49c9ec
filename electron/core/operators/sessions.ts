import type { SessionState } from '../../../shared/contract/operators.js';
import type { CallContext, TransportKind } from '../dispatcher.js';
import type { Journal } from '../journal/index.js';
import type { OperatorDirectory } from './operator-directory.js';

/**
 * A desk as its host knows it: the web bridge's link (bound to its token), an Electron window
 * (the main process names it), a test's in-memory link. The host says which; the page never does.
 */
export interface HostSession {
  readonly session: string;
  readonly transport: TransportKind;
}

interface Held {
  operatorId: number;
  locked: boolean;
}

/**
 * Who is at each desk. The caller's identity is derived here, on every call, from the host's
 * session and the operator's current record (a role changed or an operator disabled takes
 * effect on their next call), never from a payload.
 *
 * Before any operator exists the desk is its built-in administrator, so a fresh installation
 * works as it always did: it may do everything an administrator may, including create the
 * first administrator (which then signs that desk in as them). Once one exists, a desk with
 * nobody signed in, or locked, is `public`: it may ask its session and sign in, nothing else.
 */
export class SessionRegistry {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly operators: OperatorDirectory,
    private readonly journal: Journal,
    private readonly now: () => number,
  ) {}

  contextFor(host: HostSession): CallContext {
    if (!this.operators.anyOperator()) return { role: 'admin', operator: null, transport: host.transport, session: host.session };
    const record = this.signedIn(host.session);
    if (!record) return { role: 'public', operator: null, transport: host.transport, session: host.session };
    return { role: record.role, operator: record.name, transport: host.transport, session: host.session };
  }

  state(session: string): SessionState {
    if (!this.operators.anyOperator()) return { desk: true, operator: null, locked: false, lockedBy: null };
    const held = this.held.get(session);
    const record = held && this.operators.get(held.operatorId);
    if (!held || !record || record.disabled) return { desk: false, operator: null, locked: false, lockedBy: null };
    if (held.locked) return { desk: false, operator: null, locked: true, lockedBy: record.name };
    return { desk: false, operator: { name: record.name, role: record.role }, locked: false, lockedBy: null };
  }

  /** Signs in, unlocks, or switches to another operator: whoever's secret this is. */
  async signIn(session: string, name: string, secret: string): Promise<SessionState> {
    const record = await this.operators.authenticate(name, secret, 'sign-in');
    const previous = this.held.get(session);
    const previousName = previous && this.operators.get(previous.operatorId)?.name;
    const kind = previous?.locked && previous.operatorId === record.id ? 'session.unlock' : 'session.signIn';
    this.held.set(session, { operatorId: record.id, locked: false });
    this.journal.audit.append(this.now(), record.name, kind, {
      session,
      ...(previousName !== undefined && previous?.operatorId !== record.id ? { replaced: previousName } : {}),
    });
    return this.state(session);
  }

  /** Binds a desk to an operator without a secret: only for the first administrator, created by that very desk. */
  adopt(session: string, operatorId: number): void {
    this.held.set(session, { operatorId, locked: false });
  }

  signOut(session: string): SessionState {
    const held = this.held.get(session);
    if (held) {
      this.held.delete(session);
      this.journal.audit.append(this.now(), this.operators.get(held.operatorId)?.name ?? null, 'session.signOut', { session });
    }
    return this.state(session);
  }

  lock(session: string, reason: 'idle' | 'os' | 'asked' = 'asked'): SessionState {
    const held = this.held.get(session);
    if (held && !held.locked) {
      held.locked = true;
      this.journal.audit.append(this.now(), this.operators.get(held.operatorId)?.name ?? null, 'session.lock', { session, reason });
    }
    return this.state(session);
  }

  private signedIn(session: string) {
    const held = this.held.get(session);
    if (!held || held.locked) return undefined;
    const record = this.operators.get(held.operatorId);
    return record && !record.disabled ? record : undefined;
  }
}

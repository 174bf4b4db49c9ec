import { GATEWAY_ERRORS } from '../../../shared/errors/gateway.js';
import { CoreError } from '../errors.js';

/**
 * The only errors the gateway client throws: programming and configuration errors. Network
 * and gateway problems are results, never exceptions. None of these messages carries a value
 * that was checked: only field names and the rule that failed.
 */
export interface GatewayInputIssue {
  /** Input path, e.g. `card.cvv` or `instalments`. */
  readonly path: string;
  /** English wording of the rule, as in CoreError issues. */
  readonly message: string;
  /** The gateway parameter it becomes, e.g. `CARDCVV`, when there is one. */
  readonly param?: string;
  readonly en: string;
  readonly fr: string;
}

export class GatewayInputError extends CoreError {
  declare readonly code: 'GATEWAY_INVALID_INPUT';
  declare readonly issues: readonly GatewayInputIssue[];
  /** The first failing field, the one a form should focus. */
  readonly field: string;
  readonly param: string | undefined;

  constructor(
    readonly operation: string,
    issues: readonly GatewayInputIssue[],
  ) {
    const first = issues[0];
    const detail = issues.map((issue) => `${issue.path}${issue.param ? ` (${issue.param})` : ''}: ${issue.en}`).join('; ');
    super('GATEWAY_INVALID_INPUT', `${GATEWAY_ERRORS.GATEWAY_INVALID_INPUT.en} [${operation}] ${detail}`, issues);
    this.name = 'GatewayInputError';
    this.field = first?.path ?? '(input)';
    this.param = first?.param;
  }
}

export class GatewayConfigError extends CoreError {
  declare readonly code: 'GATEWAY_INVALID_CONFIG' | 'GATEWAY_INSECURE_URL';

  constructor(
    code: 'GATEWAY_INVALID_CONFIG' | 'GATEWAY_INSECURE_URL',
    readonly field: string,
    rule: string,
  ) {
    super(code, `${GATEWAY_ERRORS[code].en} [${field}: ${rule}]`, [{ path: field, message: rule }]);
    this.name = 'GatewayConfigError';
  }
}

/** Calling a closed client is a programming error: the composition root closed it. */
export class GatewayClosedError extends CoreError {
  declare readonly code: 'GATEWAY_CLIENT_CLOSED';

  constructor() {
    super('GATEWAY_CLIENT_CLOSED', GATEWAY_ERRORS.GATEWAY_CLIENT_CLOSED.en);
    this.name = 'GatewayClosedError';
  }
}

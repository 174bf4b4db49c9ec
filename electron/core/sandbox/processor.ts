import { verifySignature } from '../gateway/signature.js';
import { cardOperation } from './card-operations.js';
import { answer, type SandboxCore, type OperationContext, type OperationOutcome } from './sandbox-core.js';
import { EXEC, execMessage } from './sandbox-exec-codes.js';
import { followUpOperation } from './follow-up-operations.js';
import type { ParsedForm } from './form-body.js';
import { checkParameters, METHOD_ENDPOINTS, resolveMethod, str, type ApiMethod, type Endpoint } from './operation-rules.js';
import { ParameterError } from './parameter-error.js';
import { stopNTimes } from './schedule-operations.js';
import type { ExportMethodName, SandboxRules, ServerRole } from './types.js';

/**
 * One API request, from parsed form to outcome. The order of checks: IDENTIFIER and HASH
 * present, account known (else 3001 or 1003, configurable), HASH valid (1003), method known
 * and equal to OPERATIONTYPE, served on this path, VERSION, then the operation's own
 * parameters (1001/1002) and its business rules.
 */
export interface ProcessRequest {
  readonly form: ParsedForm;
  readonly endpoint: Endpoint;
  readonly server: ServerRole;
  readonly baseUrl: string;
  readonly forcedOutcome?: string;
  readonly wait: () => Promise<void>;
}

export interface ProcessResult extends OperationOutcome {
  readonly apiMethod?: ApiMethod;
  readonly operationType: string;
}

export function formatOperationType(name: string, rules: SandboxRules): string {
  return rules.responseOperationTypeCase === 'upper' ? name.toUpperCase() : name.toLowerCase();
}

function refusal(operationType: string, code: string, message = execMessage(code)): ProcessResult {
  return { body: answer(operationType, code, message), execCode: code, notify: [], operationType };
}

function parameterRefusal(operationType: string, error: ParameterError, rules: SandboxRules): ProcessResult {
  const message = rules.parameterMessageNewline ? `${error.message}\n` : error.message;
  return refusal(operationType, error.execCode, message);
}

export async function processRequest(core: SandboxCore, request: ProcessRequest): Promise<ProcessResult> {
  const { params } = request.form;
  const rules = core.rules;
  const rawMethod = request.form.method ?? str(params, 'OPERATIONTYPE') ?? '';
  const operationType = formatOperationType(rawMethod, rules);
  const done = async (result: ProcessResult) => {
    await request.wait();
    return result;
  };

  const identifier = str(params, 'IDENTIFIER');
  if (identifier === undefined) return done(parameterRefusal(operationType, new ParameterError('1001', 'IDENTIFIER'), rules));
  if (str(params, 'HASH') === undefined) return done(parameterRefusal(operationType, new ParameterError('1001', 'HASH'), rules));
  const account = core.accounts.get(identifier);
  if (account === undefined || account.disabled) {
    const code = account === undefined ? rules.unknownIdentifierCode : EXEC.ACCOUNT_DISABLED;
    return done(refusal(operationType, code));
  }
  if (!verifySignature(params, account.password)) return done(refusal(operationType, EXEC.HASH_ERROR));

  const method = resolveMethod(rawMethod);
  const declared = str(params, 'OPERATIONTYPE');
  if (rawMethod === '' || declared === undefined) {
    return done(parameterRefusal(operationType, new ParameterError('1001', 'OPERATIONTYPE'), rules));
  }
  if (method === undefined || declared.toLowerCase() !== rawMethod.toLowerCase()) {
    return done(parameterRefusal(operationType, new ParameterError('1002', 'OPERATIONTYPE'), rules));
  }
  if (METHOD_ENDPOINTS[method] !== request.endpoint) {
    return done(refusal(operationType, EXEC.BAD_REQUEST, `Bad request: ${method} is not served on this path.`));
  }
  if (str(params, 'VERSION') === undefined) return done(parameterRefusal(operationType, new ParameterError('1001', 'VERSION'), rules));

  const ctx: OperationContext = {
    server: request.server,
    baseUrl: request.baseUrl,
    operationType,
    ...(request.forcedOutcome === undefined ? {} : { forcedOutcome: request.forcedOutcome }),
    wait: request.wait,
  };
  try {
    checkParameters(method, params, rules, core.clock());
    let outcome: OperationOutcome;
    switch (method) {
      case 'payment':
      case 'authorization':
      case 'credit':
        outcome = await cardOperation(core, ctx, account, method, params);
        break;
      case 'capture':
      case 'refund':
      case 'void':
        outcome = await followUpOperation(core, ctx, account, method, params);
        break;
      case 'stopntimes':
        outcome = await stopNTimes(core, ctx, account, params);
        break;
      default: {
        await ctx.wait();
        const exported = core.exports.handle(method as ExportMethodName, params, account, operationType);
        outcome = { body: exported.body, execCode: EXEC.SUCCESS, notify: [], ...(exported.job === undefined ? {} : { job: exported.job }) };
      }
    }
    return { ...outcome, apiMethod: method, operationType };
  } catch (error) {
    if (error instanceof ParameterError) return done({ ...parameterRefusal(operationType, error, rules), apiMethod: method });
    throw error;
  }
}

/** A 1001 (missing) or 1002 (invalid) answer naming the parameter, as the gateway words it. */
export class ParameterError extends Error {
  constructor(
    readonly execCode: '1001' | '1002',
    readonly parameter: string,
  ) {
    super(execCode === '1001' ? `The parameter "${parameter}" is missing.` : `The parameter "${parameter}" is invalid.`);
    this.name = 'ParameterError';
  }
}

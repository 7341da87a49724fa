/**
 * Errors a service's domain raises for a request that cannot be served as asked. The HTTP
 * layer maps each to its status and a problem+json body; none of them is a server fault.
 */
export class DomainError extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    readonly problemType: string,
    message: string,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  constructor(message: string) {
    super(404, 'not-found', message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string, problemType = 'conflict') {
    super(409, problemType, message);
  }
}

export class UnprocessableError extends DomainError {
  constructor(message: string, problemType = 'unprocessable') {
    super(422, problemType, message);
  }
}

/**
 * Errors a service's domain raises for a request that cannot be served as asked. The HTTP
 * layer maps each to its status and a problem+json body; none of them is a server fault.
 */
export class DomainError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 422,
    readonly problemType: string,
    message: string,
  ) {
    super(message);
  }
}

export class BadRequestError extends DomainError {
  constructor(message: string, problemType = 'bad-request') {
    super(400, problemType, message);
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

/** No valid session: the client should log in. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'log in first') {
    super(401, 'unauthenticated', message);
  }
}

/** A valid session whose role may not do this. */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

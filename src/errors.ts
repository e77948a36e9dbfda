// Errors a service raises that the central error handler turns into HTTP answers.
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(404, `${what} not found`);
  }
}
export class BadRequestError extends AppError {
  constructor(field: string, message: string) {
    super(400, `${field} ${message}`, field);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(409, message, field);
  }
}

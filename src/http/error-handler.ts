// One place that turns errors into HTTP answers: 400 names the field, 5xx never leaks internals.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../errors.js";

interface ValidationItem {
  instancePath?: string;
  params?: { missingProperty?: string; additionalProperty?: string };
  message?: string;
}

export function fieldOfValidationError(context: string | undefined, item: ValidationItem): string {
  const parts = [context ?? "body", ...(item.instancePath ?? "").split("/").filter(Boolean)];
  const extra = item.params?.missingProperty ?? item.params?.additionalProperty;
  if (extra) parts.push(extra);
  return parts.join(".");
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.validation?.length) {
    const item = error.validation[0] as ValidationItem;
    const field = fieldOfValidationError(error.validationContext, item);
    const message = item.params?.additionalProperty
      ? `${field} is not a known field`
      : item.params?.missingProperty
        ? `${field} is required`
        : `${field} ${item.message ?? "is invalid"}`;
    return reply.code(400).send({ statusCode: 400, error: "Bad Request", message, field });
  }
  if (error instanceof AppError) {
    return reply.code(error.statusCode).send({
      statusCode: error.statusCode,
      error: httpTitle(error.statusCode),
      message: error.message,
      ...(error.field ? { field: error.field } : {}),
    });
  }
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  if (status === 500) {
    request.log.error({ err: error }, "request failed");
    return reply.code(500).send({ statusCode: 500, error: "Internal Server Error", message: "internal error" });
  }
  return reply.code(status).send({ statusCode: status, error: httpTitle(status), message: error.message });
}

function httpTitle(status: number): string {
  return (
    { 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 409: "Conflict", 413: "Payload Too Large", 415: "Unsupported Media Type", 503: "Service Unavailable" } as Record<number, string>
  )[status] ?? "Error";
}

// Schemas shared by every route: the error body and the responses each kind of route can give.
import { Type } from "typebox";

export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: "The input field at fault, e.g. body.settings.intervalMinutes" })),
  },
  { $id: "ErrorResponse" },
);

const ref = (description: string) => ({ ...Type.Ref("ErrorResponse"), description });

export const errors = {
  400: ref("Invalid input; `field` names the field"),
  401: ref("Missing or wrong token"),
  404: ref("No such resource"),
  409: ref("Conflicts with existing data"),
  413: ref("Body too large"),
  500: ref("Internal error"),
  503: ref("Not ready"),
} as const;

/** Picks the documented error responses a route can give. */
export function errorResponses<K extends keyof typeof errors>(...codes: K[]): Pick<typeof errors, K> {
  return Object.fromEntries(codes.map((c) => [c, errors[c]])) as Pick<typeof errors, K>;
}

export const adminSecurity = [{ adminToken: [] }];

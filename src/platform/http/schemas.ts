// Schema pieces shared by routes.
import { Type } from 'typebox';

export const Id = Type.Integer({ minimum: 1, maximum: 2147483647 });
export const IdParams = Type.Object({ id: Id });
/** The version an update read (optimistic concurrency). */
export const Version = Type.Integer({ minimum: 0, maximum: 2147483647 });
/** The key that makes a document POST safe to retry (API.md): the same key and body answer once. */
export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.Optional(Type.String({ description: 'printable ASCII, at most 200 characters, one per intended document; a retry sends the same key and body' })) });
/** The same version as a header, for an update whose body may leave `version` out (API.md). */
export const IfMatchHeaders = Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 100, description: 'the version read, e.g. "3" (instead of the body\'s version)' })) });
/** A quantity: JSON number, at most 3 decimals (checked exactly in toMilli). */
export const Qty = Type.Number({ description: 'quantity, at most 3 decimals' });
/** Money: decimal string with at most 2 places, CNY. */
export const Money = Type.String({ maxLength: 20, description: 'decimal string, e.g. "12.30"' });
export const Text = (max = 500) => Type.String({ maxLength: max });
export const OptText = (max = 500) => Type.Optional(Type.Union([Type.String({ maxLength: max }), Type.Null()]));
export const OptId = Type.Optional(Type.Union([Id, Type.Null()]));
export const ErrorResponse = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), details: Type.Record(Type.String(), Type.Unknown()) }),
});

/** What the engine answers. A refusal's reason is fit for a 403 body. */
export interface Decision {
  allowed: boolean;
  reason: string;
}

export const allow = (reason: string): Decision => ({ allowed: true, reason });
export const deny = (reason: string): Decision => ({ allowed: false, reason });

/** One single check: a section of a client, or of one product of it. */
export interface AccessRequest {
  section: string;
  clientId: number;
  /** Absent: the section's client-wide part, the records of the client tied to no product. */
  productId?: number | null;
}

/**
 * How a list query of one section must be filtered in one client: rows of the client
 * tied to no product when `clientWide`, plus rows of the listed products (`'all'`: of
 * every product of the client). Agrees exactly with `can`.
 */
export interface Scope {
  clientId: number;
  clientWide: boolean;
  productIds: number[] | 'all';
}

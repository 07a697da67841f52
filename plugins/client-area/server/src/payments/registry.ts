/**
 * Ways to pay an invoice. The plugin brings one, `bank-transfer` (the customer says it
 * pays by transfer or on account; staff see the request and mark the invoice paid when
 * the money arrives); another plugin registers its own (a card processor, say) through
 * the `payments` service. Pure: no Strapi here.
 */
export interface PaymentStartInput {
  invoice: { id: number; documentId: string; number: string; currency: string; total: number; dueOn: string | null };
  client: { id: number; name: string };
  /** The identity paying. */
  payerIdentityId: number | null;
}

/** What the customer is shown once it chose a way to pay: words to follow, or a page to go to. */
export interface PaymentStart {
  instructions?: string;
  redirectUrl?: string;
}

export interface PaymentProvider {
  /** kebab-case, e.g. `bank-transfer`. */
  name: string;
  label: string;
  description: string;
  /** The plugin that registered it. */
  origin: string;
  start(input: PaymentStartInput): Promise<PaymentStart>;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class PaymentRegistry {
  private readonly providers = new Map<string, PaymentProvider>();

  register(provider: Omit<PaymentProvider, 'origin' | 'description'> & { origin?: string; description?: string }): PaymentProvider {
    if (!NAME.test(provider.name ?? '')) throw new Error(`Payment provider name "${provider.name}" must be kebab-case (e.g. "card-payments")`);
    if (this.providers.has(provider.name)) throw new Error(`Payment provider "${provider.name}" is already registered by ${this.providers.get(provider.name)!.origin}`);
    if (typeof provider.start !== 'function') throw new Error(`Payment provider "${provider.name}" needs a start(input) function`);
    const registered: PaymentProvider = Object.freeze({
      name: provider.name,
      label: provider.label || provider.name,
      description: provider.description ?? '',
      origin: provider.origin ?? 'unknown',
      start: provider.start,
    });
    this.providers.set(registered.name, registered);
    return registered;
  }

  get(name: string): PaymentProvider | undefined {
    return this.providers.get(name);
  }

  list(): PaymentProvider[] {
    return [...this.providers.values()];
  }
}

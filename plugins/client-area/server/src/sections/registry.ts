/**
 * The sections of the client area. A grant names one section; another plugin
 * can add its own section through the `sections` service. Pure: no Strapi here.
 */
export interface Section {
  /** kebab-case name stored in grants, e.g. `tickets`. */
  name: string;
  label: string;
  description: string;
  /** Whether a grant of this section may be scoped to one product. */
  productScoped: boolean;
  /** The plugin that registered it. */
  origin: string;
}

export const BUILT_IN_SECTIONS: ReadonlyArray<Omit<Section, 'origin'>> = [
  { name: 'profile', label: 'Profile', description: "View and edit the client's details", productScoped: false },
  { name: 'contacts', label: 'Contacts', description: 'Manage contacts, sub-accounts and their access', productScoped: false },
  { name: 'products', label: 'Products', description: 'View products and services', productScoped: true },
  { name: 'product-management', label: 'Product management', description: 'Manage products and services', productScoped: true },
  { name: 'billing', label: 'Billing', description: 'View and pay invoices and quotes', productScoped: true },
  { name: 'orders', label: 'Orders', description: 'Place new orders', productScoped: false },
  { name: 'tickets', label: 'Tickets', description: 'Open, read and reply to support tickets', productScoped: true },
];

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export class SectionRegistry {
  private readonly sections = new Map<string, Section>();

  register(section: Omit<Section, 'origin'> & { origin?: string }): Section {
    if (!NAME.test(section.name ?? '')) {
      throw new Error(`Section name "${section.name}" must be kebab-case (e.g. "domain-names")`);
    }
    if (this.sections.has(section.name)) {
      throw new Error(`Section "${section.name}" is already registered by ${this.sections.get(section.name)!.origin}`);
    }
    const registered: Section = {
      name: section.name,
      label: section.label || section.name,
      description: section.description ?? '',
      productScoped: Boolean(section.productScoped),
      origin: section.origin ?? 'unknown',
    };
    this.sections.set(registered.name, Object.freeze(registered));
    return registered;
  }

  has(name: string): boolean {
    return this.sections.has(name);
  }

  get(name: string): Section | undefined {
    return this.sections.get(name);
  }

  list(): Section[] {
    return [...this.sections.values()];
  }

  names(): string[] {
    return [...this.sections.keys()];
  }
}

export const createSectionRegistry = (): SectionRegistry => {
  const registry = new SectionRegistry();
  for (const section of BUILT_IN_SECTIONS) registry.register({ ...section, origin: 'client-area' });
  return registry;
};

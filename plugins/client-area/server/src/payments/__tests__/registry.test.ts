import { PaymentRegistry } from '../registry';

const start = async () => ({ instructions: 'Pay' });

describe('the payment provider registry', () => {
  it('takes a kebab-case provider once, with a start function, and lists it in order', () => {
    const registry = new PaymentRegistry();
    registry.register({ name: 'bank-transfer', label: 'Bank transfer', origin: 'client-area', start });
    const card = registry.register({ name: 'card', label: '', start });
    expect(card).toMatchObject({ name: 'card', label: 'card', description: '', origin: 'unknown' });
    expect(registry.list().map((p) => p.name)).toEqual(['bank-transfer', 'card']);
    expect(() => registry.register({ name: 'card', label: 'Again', start })).toThrow('Payment provider "card" is already registered by unknown');
    expect(() => registry.register({ name: 'Card Payments', label: 'x', start })).toThrow(/must be kebab-case/);
    expect(() => registry.register({ name: 'no-start', label: 'x' } as any)).toThrow(/needs a start\(input\) function/);
    expect(Object.isFrozen(registry.get('card'))).toBe(true);
  });
});

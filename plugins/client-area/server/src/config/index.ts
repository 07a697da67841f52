export interface ClientAreaConfig {
  /** Server key for HMAC of relationship passwords and one-time tokens. */
  secret: string;
  /** Address staff notifications and outgoing mail come from. */
  supportAddress: string;
}

export default {
  default: { secret: '', supportAddress: 'support@client-area.local' },
  validator(config: ClientAreaConfig) {
    if (typeof config.secret !== 'string' || config.secret.length < 32) {
      throw new Error('secret (CLIENT_AREA_SECRET) must be set to at least 32 characters; run "npm run setup" to generate one');
    }
  },
};

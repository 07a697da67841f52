export const PLUGIN_ID = 'client-area';

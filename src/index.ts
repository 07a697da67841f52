// The application around the plugin is thin: everything lives in plugins/client-area.
export default {
  register() {},
  bootstrap() {},
};

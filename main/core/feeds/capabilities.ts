// What a saved feed can do besides polling, by provider: each capability a module has brings its own requests.
// eslint-disable-next-line typescript/no-empty-object-type -- filled in as capabilities move into the provider folders
export interface ProviderCapabilities {}

// Injected by the Medusa admin bundler: the backend URL of the host app.
declare const __BACKEND_URL__: string | undefined

// Loaded into a measured app (`NODE_OPTIONS=--require …`, footprint scenario): SIGUSR2 runs a full
// garbage collection through the in-process inspector (no port is opened). RSS read after it is
// what the app keeps, not the garbage its last burst of requests happened to leave behind.
const inspector = require("inspector")

const session = new inspector.Session()
session.connect()
process.on("SIGUSR2", () => {
  session.post("HeapProfiler.enable", () => session.post("HeapProfiler.collectGarbage"))
})

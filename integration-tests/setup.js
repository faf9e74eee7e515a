// MikroORM keeps entity metadata in a global store; the test runners load the
// module models again for every file, so stale metadata must go first.
const { MetadataStorage } = require("@mikro-orm/core")

MetadataStorage.clear()

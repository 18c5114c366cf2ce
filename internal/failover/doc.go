// Package failover holds the tests of Lokalbanken on more than one process: several serve
// instances on one PostgreSQL with one of them killed under a booking load, and a primary
// with a synchronous hot standby (made here from the PostgreSQL binaries) that takes over
// when the primary dies. It has no code of its own; its tests run the real program.
package failover

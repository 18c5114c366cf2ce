// Package deploy holds the tests of the ways Lokalbanken is deployed: the Dockerfile's build
// and runtime settings (run here without a container builder), compose.yaml and the systemd
// unit. It has no code of its own.
package deploy

// Command lokalbanken runs Lokalbanken, the premises bank of the Compact between Borås Stad
// and civil society: `lokalbanken --help` lists the commands.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // Europe/Stockholm must load on minimal images too
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "lokalbanken:", err)
		os.Exit(exitCode(err))
	}
}

/**
 * The {@code gmmflow} command line (picocli; CLI.md is the contract). {@link io.gmmflow.cli.GmmflowCommand}
 * is the entry point; each subcommand is one class extending {@link io.gmmflow.cli.AbstractCommand},
 * with shared option mixins ({@code --source/--target}, {@code --seed}, {@code --out}). Results go to
 * standard output (or {@code --out}, written atomically), logs to standard error; bad input exits 2
 * with one {@code error:} line, internal failures exit 1. Logback is bound here.
 */
package io.gmmflow.cli;

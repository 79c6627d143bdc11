// Filled in by the Patreon stand-in's first commit.
export {};

// The DSL facts shared with the generator: diagnostic ids and help links, phase and attribute names, action naming.
global using KayGraph.Generators.Diagnostics;
global using KayGraph.Generators.Parsing;

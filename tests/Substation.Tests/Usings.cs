global using GridAspire.TestSupport;
global using Microsoft.Extensions.Options;
global using GridAspire.TestHosts;

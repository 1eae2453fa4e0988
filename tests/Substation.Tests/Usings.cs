global using GridAspire.TestSupport;
global using Microsoft.Extensions.Options;

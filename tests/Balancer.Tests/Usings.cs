global using GridAspire.TestSupport;
global using GridAspire.TestHosts;

global using GridAspire.TestSupport;

// A feature imports its own stylesheet for the bundler (`import './log.css'`); the import has no value for TypeScript.
declare module '*.css';

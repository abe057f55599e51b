/** Benchmarks of Community Pulse against the floors of the same machine. */
package com.communitypulse.bench;

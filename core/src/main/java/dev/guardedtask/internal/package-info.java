/**
 * Not API. The engine's stores, keys, scripts and helpers: they may change in any release without
 * notice. Use the types in {@code dev.guardedtask}.
 */
package dev.guardedtask.internal;

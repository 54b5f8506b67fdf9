import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { looksLikeMysql } from '../../../../src/dialects/mysql/detect.js';
import { DUMP_MODES, readDump } from './fixtures.js';

const yes = (s: string | Buffer) => looksLikeMysql(typeof s === 'string' ? Buffer.from(s, 'latin1') : s);

describe('looksLikeMysql', () => {
  it.each(DUMP_MODES)('recognises the head of a real mariadb-dump %s dump, even cut short', (mode) => {
    const dump = readDump(mode);
    expect(yes(dump.subarray(0, 64 * 1024))).toBe(true);
    expect(yes(dump.subarray(0, 45))).toBe(true); // just the sandbox line
  });

  it('recognises --compact output without the sandbox line (older MariaDB, MySQL)', () => {
    const compact = readDump('compact');
    const rest = compact.subarray(compact.indexOf(0x0a) + 1);
    expect(yes(rest)).toBe(true);
    // and each statement kind such a dump may start with
    for (const first of [
      'CREATE TABLE `t` (\n  `id` int NOT NULL\n);', 'INSERT INTO `t` VALUES (1);', 'REPLACE INTO `t` VALUES (1);',
      'INSERT IGNORE INTO `t` VALUES (1);', 'DROP TABLE IF EXISTS `t`;', 'LOCK TABLES `t` WRITE;',
      'CREATE DATABASE /*!32312 IF NOT EXISTS*/ `db`;', 'USE `db`;', 'SET NAMES utf8mb4;\n',
      "/*!40101 SET NAMES utf8mb4 */;", '/*!50003 CREATE*/ /*!50017 DEFINER=`u`@`h`*/ /*!50003 TRIGGER x',
      'CREATE SEQUENCE `s` start with 1;', 'DELIMITER ;;\nCREATE PROCEDURE',
    ]) expect(yes(first), first).toBe(true);
  });

  it('recognises MySQL and tool headers', () => {
    expect(yes('-- MySQL dump 10.13  Distrib 8.0.36, for Linux (x86_64)\n--\n-- Host: localhost    Database: app\n')).toBe(true);
    expect(yes('-- MariaDB dump 10.19  Distrib 10.6.12-MariaDB, for Linux\n')).toBe(true);
    expect(yes('\xef\xbb\xbf-- phpMyAdmin SQL Dump\n-- version 5.2.1\n')).toBe(true);
    expect(yes('-- Adminer 4.8.1 MySQL 8.0.33 dump\n\nSET NAMES utf8;\n')).toBe(true);
    expect(yes('/*\nNavicat Premium Data Transfer\n\nSource Server Type    : MySQL\n*/\n')).toBe(true);
    expect(yes('-- comment only\n-- more\n\n/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;\n')).toBe(true);
  });

  it('says no to PostgreSQL dumps and other text', () => {
    const pgDir = new URL('../../../../fixtures/', import.meta.url);
    let seen = 0;
    for (const dir of readdirSync(pgDir).filter((d) => d.startsWith('pg-'))) {
      for (const f of ['input.sql', 'expected.sql']) {
        let bytes: Buffer;
        try { bytes = readFileSync(new URL(`${dir}/${f}`, pgDir)); } catch { continue; }
        expect(yes(bytes.subarray(0, 64 * 1024)), `${dir}/${f}`).toBe(false);
        seen++;
      }
    }
    expect(seen).toBeGreaterThan(0);
    for (const other of [
      '', '\n\n', 'hello world', '{"tables": {}}', 'SELECT 1;', 'CREATE TABLE public.t (id integer);',
      "INSERT INTO public.t VALUES ('INSERT INTO `x` VALUES (1)');", '-- PostgreSQL database dump\nINSERT INTO "t" VALUES (1);\n',
      'COPY public.t (id) FROM stdin;\n1\n\\.\n', '/* just a comment */ SELECT 1;',
    ]) expect(yes(other), other).toBe(false);
  });
});

<?php
/**
 * Removes the plugin's tables, options and capabilities.
 *
 * @package Jetonomy_Analytics
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

require_once __DIR__ . '/includes/class-jetonomy-analytics-schema.php';
Jetonomy_Analytics_Schema::uninstall();
